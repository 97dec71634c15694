Console.WriteLine("scenarios: see README");
